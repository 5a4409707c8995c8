/* fuzz-plan.c - libFuzzer target: Flink plan JSON
 * (fsim_job_import_plan_json), as getExecutionPlan() and the REST API's
 * plan write it. */
#include "config.h"

#include "fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = fsim_fuzz_text (data, size);
  g_autoptr (GError) error = NULL;
  if (text)
    fsim_fuzz_pipeline (fsim_job_import_plan_json (text, "fuzz.json", &error));
  return 0;
}
