/* config.c - PLACEHOLDER until the configuration table lands. */
#include "config.h"
#include "graphs/graphs-private.h"
FsimConfig *fsim_config_new (void) { return NULL; }
void fsim_config_free (FsimConfig *config) { (void) config; }
