/* lessons.h - PLACEHOLDER: lessons and exercises land with their issue. */
#pragma once
#include <glib.h>
