/* fuzz-job.c - libFuzzer target: the job language (fsim_job_parse). */
#include "config.h"

#include <string.h>

#include "fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* the text as fsim_job_load hands it over: NUL-terminated, checked */
  g_autofree char *text = g_strndup ((const char *) data, size);
  if (strlen (text) != size)
    return 0;                   /* a NUL: fsim_job_load refuses it first */
  g_autoptr (GError) error = NULL;
  fsim_fuzz_pipeline (fsim_job_parse (text, "fuzz.job", &error));
  return 0;
}
