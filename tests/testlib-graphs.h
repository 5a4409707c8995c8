/* testlib-graphs.h - test helpers that load jobs through graphs/, for the
 * suites of graphs/ and the modules above it (never check_sim). */
#pragma once

#include "graphs/graphs.h"
#include "tests/testlib.h"

/* The job in a source-tree file ("examples/x.job", a plan ".json"), or the
 * getExecutionPlan() JSON text (called name in diagnostics); fails the test
 * with the diagnostic if it does not load. (transfer full) */
FsimJob *fsim_test_load_job (const char *relative);
FsimJob *fsim_test_import_plan (const char *json, const char *name);
