// Brings something that just appeared into view when it is outside the screen: on a phone the gallery's picture
// appears above the card that was tapped, and the studio's below its buttons. Smoothly, and only as far as needed.
export function reveal(element) {
    const box = element.getBoundingClientRect();
    if (box.top >= 0 && box.bottom <= window.innerHeight) return;
    element.scrollIntoView({ behavior: "smooth", block: box.height > window.innerHeight ? "start" : "nearest" });
}
