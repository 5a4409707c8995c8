/* check_lessons.c - lessons/: lesson and exercise files, the runner, the
 * queries they ask and run comparison, through the library alone.
 *
 * Links lessons, viz and what lies below them, never cli/: the link itself
 * proves lessons/ needs nothing of the command line (tests/local.mk). The
 * course's command-line behaviour (listings, exit codes) stays in
 * check_cli. */
#include "config.h"

#include "tests/testlib.h"

void lessons_course_tcases (Suite *suite);   /* lessons-course.c */
void lessons_queries_tcases (Suite *suite);  /* lessons-queries.c */
void lessons_tour_tcases (Suite *suite);     /* lessons-tour.c */
void lessons_visible_tcases (Suite *suite);  /* lessons-visible.c */

static Suite *
lessons_suite (void)
{
  Suite *s = suite_create ("lessons");
  lessons_course_tcases (s);
  lessons_queries_tcases (s);
  lessons_tour_tcases (s);
  lessons_visible_tcases (s);
  return s;
}

int
main (void)
{
  return fsim_test_main (lessons_suite ());
}
