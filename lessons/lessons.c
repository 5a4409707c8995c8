/* lessons.c - PLACEHOLDER */
#include "config.h"
#include "lessons/lessons.h"
int fsim_lessons_placeholder_ (void);
int fsim_lessons_placeholder_ (void) { return 0; }
