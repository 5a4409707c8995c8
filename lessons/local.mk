# lessons/: the course (docs/lessons.md): lesson and exercise files, the
# runner, the exercise checker, the trace queries they use, run comparison.
noinst_LIBRARIES += %D%/liblessons.a
%C%_liblessons_a_SOURCES = \
	%D%/lessons.h \
	%D%/lessons-private.h \
	%D%/lesson-file.c \
	%D%/queries.c \
	%D%/queries-job.c \
	%D%/query-describe.c \
	%D%/lesson.c \
	%D%/lesson-runner.c \
	%D%/highlight.c \
	%D%/course.c \
	%D%/exercise.c \
	%D%/compare.c

# The course's data, installed under $(pkgdatadir)/lessons, and copied into
# a VPATH build tree so that an uninstalled flinksim finds it beside itself.
lessonsdir = $(pkgdatadir)/lessons
lessonsexercisesdir = $(pkgdatadir)/lessons/exercises
dist_lessons_DATA = %D%/course.index \
	%D%/01-streamgraph.lesson \
	%D%/02-chains.lesson \
	%D%/03-tasks.lesson \
	%D%/04-slot-sharing.lesson \
	%D%/05-slots-needed.lesson \
	%D%/06-execution-graph.lesson \
	%D%/07-deployment.lesson \
	%D%/08-backpressure.lesson \
	%D%/09-checkpoint-barriers.lesson \
	%D%/10-unaligned-checkpoints.lesson \
	%D%/11-exactly-once-after-failure.lesson \
	%D%/12-restart-strategies.lesson \
	%D%/13-region-failover.lesson \
	%D%/14-key-groups.lesson \
	%D%/15-idle-partition.lesson \
	%D%/16-windows-late-data.lesson
dist_lessonsexercises_DATA = \
	%D%/exercises/01-slots.exercise \
	%D%/exercises/01-slots.job \
	%D%/exercises/01-slots.solution.job \
	%D%/exercises/02-not-enough-slots.exercise \
	%D%/exercises/02-not-enough-slots.job \
	%D%/exercises/02-not-enough-slots.solution.job \
	%D%/exercises/03-slow-sink.exercise \
	%D%/exercises/03-slow-sink.job \
	%D%/exercises/03-slow-sink.solution.job \
	%D%/exercises/04-restart-strategy.exercise \
	%D%/exercises/04-restart-strategy.job \
	%D%/exercises/04-restart-strategy.solution.job \
	%D%/exercises/05-region-failover.exercise \
	%D%/exercises/05-region-failover.job \
	%D%/exercises/05-region-failover.solution.job \
	%D%/exercises/06-hot-key.exercise \
	%D%/exercises/06-hot-key.job \
	%D%/exercises/06-hot-key.solution.job \
	%D%/exercises/07-checkpoint-timeout.exercise \
	%D%/exercises/07-checkpoint-timeout.job \
	%D%/exercises/07-checkpoint-timeout.solution.job \
	%D%/exercises/08-idle-partition.exercise \
	%D%/exercises/08-idle-partition.job \
	%D%/exercises/08-idle-partition.solution.job \
	%D%/exercises/09-one-chain.exercise \
	%D%/exercises/09-one-chain.job \
	%D%/exercises/09-one-chain.solution.job \
	%D%/exercises/10-even-key-groups.exercise \
	%D%/exercises/10-even-key-groups.job \
	%D%/exercises/10-even-key-groups.solution.job \
	%D%/exercises/11-late-clicks.exercise \
	%D%/exercises/11-late-clicks.job \
	%D%/exercises/11-late-clicks.solution.job \
	%D%/exercises/12-exactly-once.exercise \
	%D%/exercises/12-exactly-once.job \
	%D%/exercises/12-exactly-once.solution.job \
	%D%/exercises/13-own-slots.exercise \
	%D%/exercises/13-own-slots.job \
	%D%/exercises/13-own-slots.solution.job \
	%D%/exercises/14-no-watermarks.exercise \
	%D%/exercises/14-no-watermarks.job \
	%D%/exercises/14-no-watermarks.solution.job \
	%D%/exercises/15-rescale-regions.exercise \
	%D%/exercises/15-rescale-regions.job \
	%D%/exercises/15-rescale-regions.solution.job \
	%D%/exercises/16-growing-state.exercise \
	%D%/exercises/16-growing-state.job \
	%D%/exercises/16-growing-state.solution.job

all-local: lessons-copy
lessons-copy:
	@if test "$(srcdir)" != "."; then \
	  $(MKDIR_P) lessons/exercises && \
	  cp $(srcdir)/lessons/course.index $(srcdir)/lessons/*.lesson lessons/ && \
	  for f in $(srcdir)/lessons/exercises/*.exercise $(srcdir)/lessons/exercises/*.job; do \
	    if test -f "$$f"; then cp "$$f" lessons/exercises/ || exit 1; fi; \
	  done; \
	fi
.PHONY: lessons-copy

# ...and removed again by `make clean` (distcheck's distcleancheck wants a
# VPATH build tree left without them).
clean-local: lessons-clean
lessons-clean:
	@if test "$(srcdir)" != "."; then \
	  rm -f lessons/course.index lessons/*.lesson lessons/exercises/*.exercise \
	    lessons/exercises/*.job; \
	fi
.PHONY: lessons-clean
