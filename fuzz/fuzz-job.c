/* fuzz-job.c - libFuzzer target: the job language (fsim_job_parse). */
#include "config.h"

#include "fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fsim_fuzz_text (data, size);
  g_autoptr (GError) error = NULL;
  if (text)
    fsim_fuzz_pipeline (fsim_job_parse (text, "fuzz.job", &error));
  return 0;
}
