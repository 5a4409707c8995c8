/* sim.h - PLACEHOLDER: the discrete-event engine lands with its issue. */
#pragma once
#include <glib.h>
