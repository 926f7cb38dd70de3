// A signal handler may only touch a volatile sig_atomic_t and call async-signal-safe
// functions, which is why this lives in C rather than in Swift.
#include "CSignals.h"
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t interrupted = 0;

static void on_interrupt(int signal_number) {
    if (interrupted) {
        // Asked twice: the user wants out, whatever is running.
        signal(signal_number, SIG_DFL);
        raise(signal_number);
        return;
    }
    interrupted = 1;
}

void csignals_catch_interrupts(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
}

int csignals_interrupted(void) { return interrupted; }

void csignals_clear_interrupt(void) { interrupted = 0; }
