/* testlib-graphs.c - loading jobs in tests (tests/testlib-graphs.h). */
#include "config.h"

#include "tests/testlib-graphs.h"

FsimJob *
fsim_test_load_job (const char *relative)
{
  g_autofree char *path = fsim_test_srcpath (relative);
  g_autoptr (GError) error = NULL;
  FsimJob *job = fsim_job_load (path, &error);
  ck_assert_msg (job != NULL, "%s: %s", relative, error ? error->message : "?");
  return job;
}

FsimJob *
fsim_test_import_plan (const char *json, const char *name)
{
  g_autoptr (GError) error = NULL;
  FsimJob *job = fsim_job_import_plan_json (json, name, &error);
  ck_assert_msg (job != NULL, "%s: %s", name, error ? error->message : "?");
  return job;
}
