/* checkpoint.c - PLACEHOLDER */
#include "config.h"
#include "checkpoint/checkpoint.h"
int fsim_checkpoint_placeholder_ (void);
int fsim_checkpoint_placeholder_ (void) { return 0; }
