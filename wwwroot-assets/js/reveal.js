// Brings something that just appeared into view when it is (almost) out of sight: on a phone the gallery's picture
// appears above the card that was tapped, and the studio's below its buttons. Something already in good part on
// screen is left where it is, so a desktop page does not jump under the reader. Smoothly, and only as far as needed.
export function reveal(element) {
    const box = element.getBoundingClientRect();
    const onScreen = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
    if (onScreen >= Math.min(box.height, window.innerHeight / 4)) return;
    element.scrollIntoView({ behavior: "smooth", block: box.height > window.innerHeight ? "start" : "nearest" });
}
