/* lab-barriers.c - `flinksim lab barriers`: one task's input gate and its
 * barrier handler (docs/labs.md). A placeholder until the handler lands:
 * it reads the sequence and echoes it. */
#include "config.h"

#include "cli/lab.h"

static int
barriers_run (FsimLab *lab)
{
  static const FsimLabOption options[] = { { NULL } };
  if (!fsim_lab_parse_args (lab, options, NULL))
    return fsim_lab_exit_code (lab);
  GError *error = NULL;
  g_autoptr (GPtrArray) tokens = fsim_lab_read_tokens (lab, &error);
  if (tokens == NULL)
    return fsim_lab_fail (lab, error);
  for (guint i = 0; i < tokens->len; i++)
    fsim_lab_record_end (fsim_lab_step_begin (lab, (int) i, tokens->pdata[i]), NULL);
  fsim_lab_record_end (fsim_lab_summary_begin (lab), NULL);
  return FSIM_EXIT_OK;
}

const FsimLabEntry fsim_lab_barriers = {
  "barriers", N_("one task's input gate and its barrier handler"),
  "[OPTIONS] SEQUENCE...", NULL, barriers_run,
};
