# viz/: views of graphs and traces (text, DOT via cgraph, JSON, the TUI).
noinst_LIBRARIES += %D%/libviz.a
%C%_libviz_a_CFLAGS = $(AM_CFLAGS) $(CGRAPH_CFLAGS) $(GVC_CFLAGS)
%C%_libviz_a_SOURCES = \
	%D%/viz.h \
	%D%/dot.h \
	%D%/dot.c \
	%D%/output.c \
	%D%/stream-graph-view.c \
	%D%/job-graph-view.c \
	%D%/execution-graph-view.c \
	%D%/trace-log.c \
	%D%/trace-perfetto.c \
	%D%/slots-view.c
