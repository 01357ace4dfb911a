// librsvg draws SVG documents onto cairo image surfaces: the RGB frames of pictures (GymRaster).
#include <librsvg/rsvg.h>
#include <cairo.h>
