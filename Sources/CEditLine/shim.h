// A thin C layer over libedit: Swift cannot call its variadic el_set/el_get/history functions,
// nor touch C globals such as stdin under Swift 6's strict concurrency.
#include <histedit.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include <wchar.h>
#include <poll.h>
#include <signal.h>
extern int wcwidth(wchar_t c);

typedef char *(*cel_prompt_fn)(EditLine *);
typedef unsigned char (*cel_fn)(EditLine *, int);

static inline int cel_set_prompt(EditLine *el, cel_prompt_fn f) { return el_set(el, EL_PROMPT, f); }
static inline int cel_set_prompt_esc(EditLine *el, cel_prompt_fn f, char esc) { return el_set(el, EL_PROMPT_ESC, f, esc); }
static inline int cel_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int cel_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int cel_set_clientdata(EditLine *el, void *p) { return el_set(el, EL_CLIENTDATA, p); }
static inline void *cel_get_clientdata(EditLine *el) { void *p = NULL; el_get(el, EL_CLIENTDATA, &p); return p; }
static inline int cel_set_getcfn(EditLine *el, el_rfunc_t f) { return el_set(el, EL_GETCFN, f); }
static inline int cel_addfn(EditLine *el, const char *name, const char *help, cel_fn f) { return el_set(el, EL_ADDFN, name, help, f); }
static inline int cel_bind(EditLine *el, const char *key, const char *fname) { return el_set(el, EL_BIND, key, fname, NULL); }
static inline int cel_setty(EditLine *el, const char *a, const char *b) { return el_set(el, EL_SETTY, a, b, NULL); }
static inline int cel_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int cel_get_columns(EditLine *el) { int co = 80; if (el_get(el, EL_GETTC, "co", &co, NULL) != 0) co = 80; return co; }
static inline int chist_setsize(History *h, int n) { HistEvent ev; return history(h, &ev, H_SETSIZE, n); }
static inline int chist_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int chist_enter(History *h, const char *s) { HistEvent ev; return history(h, &ev, H_ENTER, s); }
static inline int chist_load(History *h, const char *p) { HistEvent ev; return history(h, &ev, H_LOAD, p); }
static inline int chist_save(History *h, const char *p) { HistEvent ev; return history(h, &ev, H_SAVE, p); }
static inline int chist_clear(History *h) { HistEvent ev; return history(h, &ev, H_CLEAR); }
// Locale: libedit drops non-ASCII bytes unless LC_CTYPE is a UTF-8 locale.
static inline int cel_ctype_is_utf8(void) { const char *cs = nl_langinfo(CODESET); return cs && strcmp(cs, "UTF-8") == 0; }
static inline void cel_setlocale_ctype(const char *name) { setlocale(LC_CTYPE, name); }
static inline FILE *cel_stdin(void) { return stdin; }
static inline FILE *cel_stdout(void) { return stdout; }
static inline FILE *cel_stderr(void) { return stderr; }
