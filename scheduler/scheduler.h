/* scheduler.h - PLACEHOLDER: the simulated cluster lands with its issue. */
#pragma once
#include <glib.h>
