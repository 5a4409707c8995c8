/* graphs-private.h - shared between the files of graphs/ only. */
#pragma once

#include "graphs/graphs.h"

G_BEGIN_DECLS

#define G_LOG_DOMAIN_GRAPHS "fsim-graphs"

G_END_DECLS
