# tests/: one Check suite per module, run through automake's TAP driver.
TEST_EXTENSIONS = .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
SH_LOG_DRIVER = $(LOG_DRIVER)
AM_TESTS_ENVIRONMENT = \
	CK_TAP_LOG_FILE_NAME=-; export CK_TAP_LOG_FILE_NAME; \
	CK_VERBOSITY=silent; export CK_VERBOSITY; \
	CK_DEFAULT_TIMEOUT=120; export CK_DEFAULT_TIMEOUT; \
	CK_TIMEOUT_MULTIPLIER=$(SANITIZER_TIMEOUT_MULTIPLIER); export CK_TIMEOUT_MULTIPLIER; \
	FSIM_BUILDDIR='$(abs_top_builddir)'; export FSIM_BUILDDIR; \
	FSIM_SRCDIR='$(abs_top_srcdir)'; export FSIM_SRCDIR; \
	FSIM_PREFIX='$(prefix)'; export FSIM_PREFIX; \
	FSIM_TMUX='$(TMUX_PROG)'; export FSIM_TMUX; \
	XDG_STATE_HOME='$(abs_top_builddir)/tests/state'; export XDG_STATE_HOME; \
	LSAN_OPTIONS='suppressions=$(abs_top_srcdir)/tests/lsan.supp:fast_unwind_on_malloc=0'; export LSAN_OPTIONS;
EXTRA_DIST += %D%/lsan.supp
EXTRA_DIST += %D%/lessons/teacher.lesson %D%/lessons/teacher.job

# Each suite links only its module and the modules below it in the order
# cli -> lessons -> viz -> scheduler -> checkpoint -> graphs, sim
# (docs/design.md), so a call across the order fails the link. graphs and
# sim are both at the bottom and do not know each other. Static libraries
# are listed from the top down. tests/layering.sh checks the #include lines
# the same way.
FSIM_TEST_SIM_LIBS = sim/libsim.a
FSIM_TEST_GRAPHS_LIBS = graphs/libgraphs.a
FSIM_TEST_CHECKPOINT_LIBS = checkpoint/libcheckpoint.a $(FSIM_TEST_GRAPHS_LIBS) $(FSIM_TEST_SIM_LIBS)
FSIM_TEST_SCHEDULER_LIBS = scheduler/libscheduler.a $(FSIM_TEST_CHECKPOINT_LIBS)
FSIM_TEST_VIZ_LIBS = viz/libviztty.a viz/libviztui.a viz/libviz.a $(FSIM_TEST_SCHEDULER_LIBS)
FSIM_TEST_LESSONS_LIBS = lessons/liblessons.a $(FSIM_TEST_VIZ_LIBS)

# tests/testlib.{c,h} needs nothing of ours; tests/testlib-graphs.{c,h}
# loads jobs, for graphs/ and above.
noinst_LIBRARIES += %D%/libtestlib.a %D%/libtestlib-graphs.a
%C%_libtestlib_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
%C%_libtestlib_a_SOURCES = %D%/testlib.c %D%/testlib.h
%C%_libtestlib_graphs_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
%C%_libtestlib_graphs_a_SOURCES = %D%/testlib-graphs.c %D%/testlib-graphs.h

TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
TEST_SIM_LDADD = tests/libtestlib.a $(FSIM_TEST_SIM_LIBS) $(CHECK_LIBS) $(GLIB_LIBS) -lm
TEST_GRAPHS_LDADD = tests/libtestlib-graphs.a tests/libtestlib.a $(FSIM_TEST_GRAPHS_LIBS) \
	$(CHECK_LIBS) $(JSONGLIB_LIBS) $(GLIB_LIBS) -lm
TEST_CHECKPOINT_LDADD = tests/libtestlib.a $(FSIM_TEST_CHECKPOINT_LIBS) \
	$(CHECK_LIBS) $(JSONGLIB_LIBS) $(GLIB_LIBS) -lm
TEST_SCHEDULER_LDADD = tests/libtestlib-graphs.a tests/libtestlib.a $(FSIM_TEST_SCHEDULER_LIBS) \
	$(CHECK_LIBS) $(JSONGLIB_LIBS) $(GLIB_LIBS) -lm
TEST_VIZ_LDADD = tests/libtestlib-graphs.a tests/libtestlib.a $(FSIM_TEST_VIZ_LIBS) \
	$(CHECK_LIBS) $(GVC_LIBS) $(CGRAPH_LIBS) $(NCURSESW_LIBS) $(JSONGLIB_LIBS) $(GLIB_LIBS) -lm
TEST_LESSONS_LDADD = tests/libtestlib-graphs.a tests/libtestlib.a $(FSIM_TEST_LESSONS_LIBS) \
	$(CHECK_LIBS) $(GVC_LIBS) $(CGRAPH_LIBS) $(NCURSESW_LIBS) $(JSONGLIB_LIBS) $(GLIB_LIBS) -lm
# cli/ is the top: its suite may use everything (it runs the binary).
TEST_CLI_LDADD = tests/libtestlib.a $(FSIM_ALL_LDADD) $(CHECK_LIBS)

check_PROGRAMS += %D%/check_graphs %D%/check_cli
%C%_check_graphs_CFLAGS = $(TEST_CFLAGS)
%C%_check_graphs_LDADD = $(TEST_GRAPHS_LDADD)
%C%_check_graphs_SOURCES = %D%/check_graphs.c %D%/graphs-language.c %D%/graphs-streamgraph.c %D%/graphs-plan-json.c %D%/graphs-execution.c %D%/graphs-jobgraph.c
%C%_check_graphs_SOURCES += %D%/graphs-tests.h %D%/graphs-tests.c
%C%_check_graphs_SOURCES += %D%/graphs-robustness.c
%C%_check_graphs_SOURCES += %D%/graphs-chaining-why.c %D%/graphs-rest-plan.c %D%/graphs-batch.c
%C%_check_graphs_SOURCES += %D%/graphs-routing.c
%C%_check_cli_CFLAGS = $(TEST_CFLAGS)
%C%_check_cli_LDADD = $(TEST_CLI_LDADD)
%C%_check_cli_SOURCES = %D%/check_cli.c %D%/cli-examples.c %D%/cli-batch.c %D%/cli-lab-restart.c %D%/cli-labs-time.c %D%/cli-course.c %D%/cli-checkpoints.c \
	%D%/cli-lab-barriers.c %D%/cli-checkpoint-config.c
TESTS += %D%/check_graphs %D%/check_cli

# lessons/: linking lessons, viz and below only proves lessons/ needs no cli/.
check_PROGRAMS += %D%/check_lessons
%C%_check_lessons_CFLAGS = $(TEST_CFLAGS)
%C%_check_lessons_LDADD = $(TEST_LESSONS_LDADD)
%C%_check_lessons_SOURCES = %D%/check_lessons.c %D%/lessons-course.c %D%/lessons-queries.c
%C%_check_lessons_SOURCES += %D%/lessons-tour.c %D%/lessons-visible.c %D%/lessons-tests.h
TESTS += %D%/check_lessons

check_PROGRAMS += %D%/check_viz
%C%_check_viz_CFLAGS = $(TEST_CFLAGS)
%C%_check_viz_LDADD = $(TEST_VIZ_LDADD)
%C%_check_viz_SOURCES = %D%/check_viz.c %D%/viz-stream-graph.c %D%/viz-job-graph.c %D%/viz-execution-graph.c
%C%_check_viz_SOURCES += %D%/viz-tests.h %D%/viz-tests.c %D%/viz-dot.c
%C%_check_viz_SOURCES += %D%/viz-tui.c %D%/viz-tui-flow.c %D%/viz-tui-whatif.c %D%/viz-cjk.c
%C%_check_viz_SOURCES += %D%/viz-tui-eventtime.c %D%/viz-tui-eventtime-detail.c \
	%D%/viz-tui-checkpoints.c
%C%_check_viz_SOURCES += %D%/viz-metrics.c
%C%_check_viz_SOURCES += %D%/viz-checkpoints.c
# Views of a run (text log, JSON Lines, Perfetto, slots) are viz/ functions
# over a scheduler run: they are tested here, with check_scheduler's helpers.
%C%_check_viz_SOURCES += %D%/scheduler-views.c %D%/scheduler-jobs.c %D%/scheduler-tests.h
TESTS += %D%/check_viz
# no path of the building machine in the binary
TESTS += %D%/no-build-paths.sh
EXTRA_DIST += %D%/no-build-paths.sh
# the real TUI driven under tmux (skips without tmux)
TESTS += %D%/tui-tmux.sh
EXTRA_DIST += %D%/tui-tmux.sh

check_PROGRAMS += %D%/check_scheduler
%C%_check_scheduler_CFLAGS = $(TEST_CFLAGS)
%C%_check_scheduler_LDADD = $(TEST_SCHEDULER_LDADD)
%C%_check_scheduler_SOURCES = %D%/check_scheduler.c %D%/scheduler-tests.h \
	%D%/scheduler-jobs.c %D%/scheduler-placement.c %D%/scheduler-failure.c \
	%D%/scheduler-lifecycle.c \
	%D%/scheduler-attempts.c %D%/scheduler-machines.c %D%/scheduler-network.c
%C%_check_scheduler_SOURCES += %D%/scheduler-metrics.c
%C%_check_scheduler_SOURCES += %D%/scheduler-restart.c %D%/scheduler-failover.c
%C%_check_scheduler_SOURCES += %D%/scheduler-watermarks.c %D%/scheduler-windows.c \
	%D%/scheduler-event-time-detail.c
%C%_check_scheduler_SOURCES += %D%/scheduler-checkpoints.c
%C%_check_scheduler_SOURCES += %D%/scheduler-decline-fault.c
%C%_check_scheduler_SOURCES += %D%/scheduler-stop-with-savepoint.c %D%/scheduler-sink-commit.c
%C%_check_scheduler_SOURCES += %D%/scheduler-recovery.c
%C%_check_scheduler_SOURCES += %D%/scheduler-sorted-input.c
TESTS += %D%/check_scheduler %D%/determinism.sh

# every example under seeded random fault schedules (make soak: 10,000)
check_PROGRAMS += %D%/check_property
%C%_check_property_CFLAGS = $(TEST_CFLAGS)
%C%_check_property_LDADD = $(TEST_SCHEDULER_LDADD)
%C%_check_property_SOURCES = %D%/property-faults.c
TESTS += %D%/check_property
soak: %D%/check_property
	FSIM_SRCDIR='$(abs_top_srcdir)' FSIM_PROPERTY_SCHEDULES=10000 CK_DEFAULT_TIMEOUT=0 \
	  $(builddir)/%D%/check_property
.PHONY: soak
EXTRA_DIST += %D%/determinism.sh
# the #include lines obey the module order (docs/design.md)
TESTS += %D%/layering.sh
EXTRA_DIST += %D%/layering.sh
# broken input: exit 0 or 2 with a located message, never a crash (all of flinksim)
TESTS += %D%/robustness.sh
EXTRA_DIST += %D%/robustness.sh
TESTS += %D%/exercise-watch.sh
EXTRA_DIST += %D%/exercise-watch.sh

# sim/: the engine's suite, and the same trace at -O0, -O2 and -O3
# (sim-determinism.sh compiles sim/*.c with tests/sim-digest.c at each level
# and compares what they print).
check_PROGRAMS += %D%/check_sim
%C%_check_sim_CFLAGS = $(TEST_CFLAGS)
%C%_check_sim_LDADD = $(TEST_SIM_LDADD)
%C%_check_sim_SOURCES = %D%/check_sim.c %D%/sim-scenario.c %D%/sim-scenario.h \
	%D%/sim-tests.h %D%/sim-channel.c
TESTS += %D%/check_sim %D%/sim-determinism.sh
EXTRA_DIST += %D%/sim-determinism.sh %D%/sim-digest.c
AM_TESTS_ENVIRONMENT += \
	FSIM_CC='$(CC)'; export FSIM_CC; \
	FSIM_GLIB_CFLAGS='$(GLIB_CFLAGS)'; export FSIM_GLIB_CFLAGS; \
	FSIM_GLIB_LIBS='$(GLIB_LIBS)'; export FSIM_GLIB_LIBS;

EXTRA_DIST += %D%/golden

# Golden files are rewritten only by hand, never in CI, and the diff is shown
# for a look by eye before committing.
update-golden: flinksim$(EXEEXT)
	@if test "x$$CI" = xtrue; then echo "update-golden refuses to run under CI=true" >&2; exit 1; fi
	FSIM_UPDATE_GOLDEN=1 $(MAKE) $(AM_MAKEFLAGS) check
	@cd $(top_srcdir) && git status --short tests/golden
.PHONY: update-golden

# checkpoint/: the coordinator on a fake host, linking checkpoint/ and what
# lies below it only: the link proves checkpoint/ needs nothing of scheduler/.
check_PROGRAMS += %D%/check_checkpoint
%C%_check_checkpoint_CFLAGS = $(TEST_CFLAGS)
%C%_check_checkpoint_LDADD = $(TEST_CHECKPOINT_LDADD)
%C%_check_checkpoint_SOURCES = %D%/check_checkpoint.c %D%/checkpoint-barriers.c \
	%D%/checkpoint-tests.h %D%/checkpoint-coordinator.c
TESTS += %D%/check_checkpoint

# where the tests' exercise checks record passes (XDG_STATE_HOME above), not
# the user's own progress
clean-local: tests-state-clean
tests-state-clean:
	rm -rf tests/state
.PHONY: tests-state-clean
