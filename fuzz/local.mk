# fuzz/: libFuzzer targets for the job language, plan JSON, lesson and
# exercise files and the labs' command lines (fuzz/README.md).
# `make check` replays the corpus and every past crash through the same
# target functions with a small driver (fuzz/replay.c) built like the rest;
# `make fuzz` builds the targets with clang's libFuzzer and runs a timed
# campaign (FUZZ_SECONDS per target).
check_PROGRAMS += %D%/replay-job %D%/replay-plan %D%/replay-course %D%/replay-lab
%C%_replay_job_SOURCES = %D%/replay.c %D%/fuzz-job.c %D%/pipeline.c %D%/fuzz.h
%C%_replay_job_LDADD = $(FSIM_ALL_LDADD)
%C%_replay_plan_SOURCES = %D%/replay.c %D%/fuzz-plan.c %D%/pipeline.c %D%/fuzz.h
%C%_replay_plan_LDADD = $(FSIM_ALL_LDADD)
%C%_replay_course_SOURCES = %D%/replay.c %D%/fuzz-course.c %D%/pipeline.c %D%/fuzz.h
%C%_replay_course_LDADD = $(FSIM_ALL_LDADD)
%C%_replay_lab_SOURCES = %D%/replay.c %D%/fuzz-lab.c %D%/pipeline.c %D%/fuzz.h
%C%_replay_lab_LDADD = cli/libcli.a $(FSIM_ALL_LDADD)
TESTS += %D%/replay.sh
EXTRA_DIST += %D%/replay.sh %D%/README.md %D%/corpus %D%/crashes

FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_SANITIZERS = address,undefined
FUZZ_CFLAGS = -std=gnu11 -g -O1 -fno-omit-frame-pointer -ffp-contract=off \
	-fsanitize=fuzzer,$(FUZZ_SANITIZERS) -fno-sanitize-recover=undefined
# Every source of flinksim but cli/main.c: what a target runs, instrumented.
FUZZ_LIB_SOURCES = $(addprefix $(srcdir)/,$(filter %.c,$(sim_libsim_a_SOURCES) \
	$(graphs_libgraphs_a_SOURCES) $(checkpoint_libcheckpoint_a_SOURCES) \
	$(scheduler_libscheduler_a_SOURCES) $(viz_libviz_a_SOURCES) \
	$(viz_libviztui_a_SOURCES) $(viz_libviztty_a_SOURCES) \
	$(lessons_liblessons_a_SOURCES) $(cli_libcli_a_SOURCES)))
FUZZ_TARGETS = %D%/fuzz-job %D%/fuzz-plan %D%/fuzz-course %D%/fuzz-lab
FUZZ_NAMES = job plan course lab
CLEANFILES += $(FUZZ_TARGETS)

FUZZ_BUILD = \
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	  echo "make fuzz needs clang with libFuzzer (tools/install-deps installs it)"; exit 1; }; \
	mkdir -p fuzz; \
	echo "  FUZZCC   $@"; \
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I$(top_builddir) -I$(top_srcdir) \
	  -DFSIM_SRCDIR=\"$(abs_top_srcdir)\" -DFSIM_LOCALEDIR=\"$(localedir)\" \
	  -DFSIM_LESSONSDIR=\"$(abs_top_srcdir)/lessons\" \
	  $(GLIB_CFLAGS) $(JSONGLIB_CFLAGS) $(GIO_CFLAGS) $(NCURSESW_CFLAGS) \
	  $(GVC_CFLAGS) $(CGRAPH_CFLAGS) \
	  $(filter %.c,$^) -o $@ $(GVC_LIBS) $(CGRAPH_LIBS) $(NCURSESW_LIBS) \
	  $(JSONGLIB_LIBS) $(GIO_LIBS) $(GLIB_LIBS) -lm
%D%/fuzz-%: $(srcdir)/%D%/fuzz-%.c $(srcdir)/%D%/pipeline.c $(srcdir)/%D%/fuzz.h $(FUZZ_LIB_SOURCES)
	$(FUZZ_BUILD)

# New inputs go to fuzz/work-TARGET in the build tree, a crash to
# fuzz/crash-TARGET-*: copy it into fuzz/crashes/TARGET/ with the fix.
fuzz: $(FUZZ_TARGETS)
	@for t in $(FUZZ_NAMES); do \
	  mkdir -p fuzz/work-$$t; \
	  seeds="$(srcdir)/fuzz/corpus/$$t $(srcdir)/fuzz/crashes/$$t"; \
	  case $$t in \
	    job) seeds="$$seeds $(srcdir)/examples" ;; \
	    plan) seeds="$$seeds $(srcdir)/examples/plans" ;; \
	    course) seeds="$$seeds $(srcdir)/lessons $(srcdir)/lessons/exercises" ;; \
	  esac; \
	  echo "== fuzz-$$t for $(FUZZ_SECONDS) s"; \
	  ./fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=fuzz/crash-$$t- fuzz/work-$$t $$seeds \
	    || exit 1; \
	done
.PHONY: fuzz
