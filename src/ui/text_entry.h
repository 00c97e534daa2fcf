// smp ui: text entry on touch screens. The designer is drawn into one <canvas>, and a phone opens
// its on-screen keyboard only for a real <input> or <textarea> focused inside the finger's own
// event handler (iOS Safari, in particular, ignores a focus made a frame later). So the page
// (web/js/text_entry.js) must decide on the tap itself, from what the app drew the frame before:
//
//   - Every frame on a touch screen the app tells the page where its text fields are (CSS px in
//     the canvas, the visible part of each) and what keyboard each wants, and which field is being
//     edited, with its text: a "textEntry" page event, posted when it changes.
//   - A tap on a text field focuses an <input> (a <textarea> for several lines) placed over it,
//     in the tap's touchend, and the phone's keyboard opens. The same tap reaches the app as the
//     mouse, so ImGui activates the field as it would for a click. A slider takes a double tap (a
//     single tap sets it), which the page counts (it knows the taps' times; ImGui counts frames,
//     which a busy phone makes slow) and asks the app to turn the slider into its number field.
//   - What the person types there comes back whole ("textEntry" page command): it replaces the
//     active field's text (so the phone's autocorrect, predictive text and IME keep working on
//     their own field), Enter commits, Escape goes back, closing the keyboard commits.
//   - When ImGui lets the field go (Enter, a tap elsewhere), the page hides its input and the
//     keyboard closes.
//
// With a mouse and a physical keyboard (no touch) nothing is published and nothing changes: the
// keys reach ImGui as they always did.
//
// Which kind of field an item is cannot be read from ImGui's item hooks (a slider and a text field
// report the same "inputable" flags), so text fields say it themselves with MarkTextEntry; a field
// made of a text box with - and + buttons (InputInt) is a number on its own; any other inputable
// item is taken for a slider or drag, which turns into a number field on a double tap.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace smp {

enum class TextEntryKind {
    kText,        // one line of text: the ordinary keyboard, Enter is "done"
    kMultiline,   // several lines (notes): Enter is a new line
    kNumber,      // a number: the decimal keypad
    kNoKeyboard,  // read-only (a link to copy): never opens the keyboard
};

// Right after an ImGui text widget: the kind of keyboard it wants on a phone.
void MarkTextEntry(TextEntryKind kind);

// Around the frame's widgets (DrawApp). `touch`: a coarse pointer, where the page places its
// inputs; otherwise nothing is recorded or posted. `css_per_px`: CSS px per framebuffer px.
// `post` hands the page its "textEntry" event:
//   {"type": "textEntry", "fields": [{"x", "y", "width", "height", "kind", "id"}, ...],
//    "active": null or {"x", "y", "width", "height", "kind", "text", "id"}}
// kinds: "text", "multiline", "number", "slider" (a number field after a double tap).
void BeginTextEntryFrame(bool touch);
void EndTextEntryFrame(float css_per_px, const std::function<void(const std::string&)>& post);

// What the page's input did, for the field being edited (the "textEntry" page command).
struct TextEntryInput {
    std::optional<std::string> text;   // the field's whole text now (UTF-8; cut to what the field holds)
    bool enter = false;                // Enter: a one-line field commits and lets go
    bool escape = false;               // Escape: the field goes back to its text before editing
    bool done = false;                 // the keyboard was closed: the field commits and lets go
    unsigned edit_slider = 0;          // a slider's "id" (from "fields") double-tapped: edit its value as a number
};

// Queues `input` for the field being edited; it is applied in the next frame, before the field
// reads its keys. False (nothing queued) when no text field is being edited, or `edit_slider` is
// no slider of the last frame.
bool QueueTextEntryInput(const TextEntryInput& input);

// The first `max_bytes` of UTF-8 `text` at most, never cut inside a character: what a field or a
// message shows stays valid text (the page's JSON refuses anything else).
std::string Utf8Prefix(const std::string& text, size_t max_bytes);

}  // namespace smp
