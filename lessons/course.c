/* course.c - lessons/course.index: the lessons and exercises in order, and
 * the lessons still to be written (they wait for their feature):
 *
 *   lesson: 01-streamgraph.lesson
 *   later: Checkpoint barriers and aligned checkpoints
 *   later[zh_CN]: 检查点屏障与对齐检查点
 *   exercise: exercises/01-slots.exercise */
#include "config.h"

#include "lessons/lessons-private.h"

struct _FsimCourse {
  GPtrArray *lessons;           /* char*, absolute-ish paths */
  GPtrArray *exercises;
  GArray *later;                /* FsimCourseText */
};

static const char *const keys[] = { "lesson", "exercise", "later", NULL };

void
fsim_course_free (FsimCourse *course)
{
  g_ptr_array_unref (course->lessons);
  g_ptr_array_unref (course->exercises);
  for (guint i = 0; i < course->later->len; i++)
    fsim_course_text_clear (&g_array_index (course->later, FsimCourseText, i));
  g_array_unref (course->later);
  g_free (course);
}

FsimCourse *
fsim_course_load (const char *dir, GError **error)
{
  g_autofree char *index = g_build_filename (dir, "course.index", NULL);
  g_autoptr (FsimCourseFile) f = fsim_course_file_read (index, keys, NULL, error);
  if (f == NULL)
    return NULL;
  g_autoptr (FsimCourse) c = g_new0 (FsimCourse, 1);
  c->lessons = g_ptr_array_new_with_free_func (g_free);
  c->exercises = g_ptr_array_new_with_free_func (g_free);
  c->later = g_array_new (FALSE, TRUE, sizeof (FsimCourseText));
  for (guint i = 0; i < f->entries->len; i++)
    {
      const FsimCourseEntry *e = g_ptr_array_index (f->entries, i);
      if (g_str_equal (e->key, "later"))
        {
          if (e->lang == NULL)
            g_array_set_size (c->later, c->later->len + 1);
          if (c->later->len > 0)
            fsim_course_text_add (&g_array_index (c->later, FsimCourseText, c->later->len - 1), e);
        }
      else
        g_ptr_array_add (g_str_equal (e->key, "lesson") ? c->lessons : c->exercises,
                         g_build_filename (dir, e->value, NULL));
    }
  return g_steal_pointer (&c);
}

guint
fsim_course_get_n_lessons (const FsimCourse *course)
{
  return course->lessons->len;
}

const char *
fsim_course_get_lesson_path (const FsimCourse *course, guint i)
{
  g_assert (i < course->lessons->len);
  return g_ptr_array_index (course->lessons, i);
}

guint
fsim_course_get_n_later (const FsimCourse *course)
{
  return course->later->len;
}

const char *
fsim_course_get_later_title (const FsimCourse *course, guint i, const char *lang)
{
  g_assert (i < course->later->len);
  return fsim_course_text_get (&g_array_index (course->later, FsimCourseText, i), lang);
}

guint
fsim_course_get_n_exercises (const FsimCourse *course)
{
  return course->exercises->len;
}

const char *
fsim_course_get_exercise_path (const FsimCourse *course, guint i)
{
  g_assert (i < course->exercises->len);
  return g_ptr_array_index (course->exercises, i);
}
