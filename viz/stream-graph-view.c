/* stream-graph-view.c - PLACEHOLDER until the StreamGraph views land. */
#include "config.h"

#include "viz/viz.h"

GBytes *
fsim_viz_stream_graph (const FsimJob *job, FsimFormat format, GError **error)
{
  g_set_error (error, FSIM_VIZ_ERROR, FSIM_VIZ_ERROR_FORMAT, "not built yet");
  return NULL;
}
