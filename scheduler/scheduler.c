/* scheduler.c - PLACEHOLDER */
#include "config.h"
#include "scheduler/scheduler.h"
int fsim_scheduler_placeholder_ (void);
int fsim_scheduler_placeholder_ (void) { return 0; }
