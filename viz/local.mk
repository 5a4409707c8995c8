# viz/: views of graphs and traces (text, DOT via cgraph, JSON, the TUI).
noinst_LIBRARIES += %D%/libviz.a
%C%_libviz_a_CFLAGS = $(AM_CFLAGS) $(CGRAPH_CFLAGS) $(GVC_CFLAGS)
%C%_libviz_a_SOURCES = \
	%D%/viz.h \
	%D%/viz-private.h \
	%D%/dot.h \
	%D%/dot.c \
	%D%/output.c \
	%D%/text-table.c \
	%D%/text-width.c \
	%D%/text-runs.c \
	%D%/stream-graph-view.c \
	%D%/job-graph-view.c \
	%D%/execution-graph-view.c \
	%D%/trace-log.c \
	%D%/trace-values.c \
	%D%/trace-kinds-view.c \
	%D%/trace-perfetto.c \
	%D%/slots-view.c \
	%D%/metrics-view.c \
	%D%/checkpoints-view.c

# The step-through TUI, in layers (viz/tui-private.h). Everything but the
# screen is plain C on the grid model; only tui-screen.c sees ncursesw, whose
# cflags define _XOPEN_SOURCE=600, so it gets a library of its own.
noinst_LIBRARIES += %D%/libviztui.a %D%/libviztty.a
%C%_libviztui_a_SOURCES = \
	%D%/tui-private.h \
	%D%/tui-grid.c \
	%D%/tui-history.c \
	%D%/tui-search.c \
	%D%/tui-keys.c \
	%D%/tui.c \
	%D%/tui-layout.c \
	%D%/tui-timeline.c \
	%D%/tui-graph.c \
	%D%/tui-step.c \
	%D%/tui-checkpoints.c \
	%D%/tui-eventtime.c \
	%D%/tui-eventtime-detail.c \
	%D%/tui-inspect.c \
	%D%/tui-samples.c \
	%D%/tui-whatif.c \
	%D%/tui-probe.c \
	%D%/tui-lesson.c \
	%D%/tui-text.c
%C%_libviztty_a_CFLAGS = $(AM_CFLAGS) $(NCURSESW_CFLAGS)
%C%_libviztty_a_SOURCES = %D%/tui-screen.c
