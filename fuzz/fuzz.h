/* fuzz.h - the fuzz targets' shared pipeline (fuzz/, not part of flinksim).
 *
 * Each target is a libFuzzer entry point, LLVMFuzzerTestOneInput, that
 * reads one input the way a user's file is read (the job language or a
 * Flink plan JSON) and, when it is accepted, runs the whole pipeline:
 * JobGraph, ExecutionGraph and a short simulation. `make fuzz` links the
 * targets with clang's libFuzzer for a timed campaign; `make check` links
 * the same functions with fuzz/replay.c (any C compiler) and feeds them
 * the corpus and every past crash. An input must never crash, hang or
 * trip a sanitizer: errors are fine, they are the parsers' answers. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "graphs/graphs.h"

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The input as fsim_job_load hands text over: NUL-terminated; NULL when it
 * holds a NUL, which fsim_job_load refuses before any parser. (transfer full) */
char *fsim_fuzz_text (const uint8_t *data, size_t size);
/* Takes job (transfer full; NULL is fine): builds its graphs and runs it
 * for a short virtual time when it is small enough to do so quickly. */
void fsim_fuzz_pipeline (FsimJob *job);

G_END_DECLS
