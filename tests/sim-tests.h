/* sim-tests.h - shared by the files of check_sim. */
#pragma once

#include "tests/testlib.h"

G_BEGIN_DECLS

/* tests/sim-channel.c: FsimChannel's rules, each from the Flink class it
 * stands for. */
void fsim_test_sim_channel_tcases (Suite *s);

G_END_DECLS
