// smp render: reading back what was drawn, for screenshots of the desktop app (tests, the
// README's pictures) without any screen-capture tool.
#pragma once

#include "core/status.h"

#include <string>

namespace smp {

// Writes the current framebuffer (width_px × height_px, bottom-up in GL) as a top-down RGB PNG.
// Errors: kInvalidArgument for a non-positive size, kIoError when the file cannot be written.
Status SaveFramebufferPng(const std::string& path, int width_px, int height_px);

}  // namespace smp
