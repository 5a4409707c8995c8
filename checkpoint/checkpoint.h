/* checkpoint.h - PLACEHOLDER: checkpointing lands with its issue. */
#pragma once
#include <glib.h>
