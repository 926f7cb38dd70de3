#ifndef CSIGNALS_H
#define CSIGNALS_H

/// Catches SIGINT (Ctrl-C outside the line editor) in a flag instead of ending the process.
/// A second SIGINT before the flag is cleared ends the process as usual.
void csignals_catch_interrupts(void);

/// Whether SIGINT arrived since the flag was last cleared.
int csignals_interrupted(void);

/// Clears the flag.
void csignals_clear_interrupt(void);

#endif
