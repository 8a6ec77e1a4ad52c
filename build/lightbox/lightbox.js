// The lightbox of post and page photos: PhotoSwipe 5 over the links the server renders around each photo
// (<a class="photo__link" href="largest.jpg" data-pswp-width data-pswp-height data-pswp-srcset>). Without this
// script each link simply opens the photo's largest variant. Every photo of the text is one set: arrow keys and
// swiping move through them, Esc or the close button returns focus to the photo that was opened.
// Loaded as a module only on pages whose text has photos; the stylesheet is ../css/lightbox.css.
import PhotoSwipeLightbox from "photoswipe/lightbox";
import PhotoSwipe from "photoswipe";

const captionOf = (link) => {
  const figure = link.closest("figure");
  const caption = figure && figure.querySelector(":scope > figcaption");
  return caption ? caption.textContent.trim() : "";
};

for (const text of document.querySelectorAll(".prose")) {
  if (!text.querySelector("a.photo__link")) continue;
  const lightbox = new PhotoSwipeLightbox({
    gallery: text,
    children: "a.photo__link",
    pswpModule: PhotoSwipe,
    bgOpacity: 0.94,
    showHideAnimationType: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "none" : "zoom",
    closeTitle: "Close (Esc)",
    zoomTitle: "Zoom in or out (Z)",
    arrowPrevTitle: "Previous photo (Left arrow)",
    arrowNextTitle: "Next photo (Right arrow)",
    errorMsg: "This photo could not be loaded.",
    indexIndicatorSep: " of ",
  });

  lightbox.on("uiRegister", () => {
    lightbox.pswp.ui.registerElement({
      name: "caption",
      order: 9,
      isButton: false,
      appendTo: "root",
      onInit: (element, pswp) => {
        element.id = "pswp-caption";
        element.setAttribute("aria-live", "polite");
        pswp.on("change", () => {
          const link = pswp.currSlide.data.element;
          const caption = link ? captionOf(link) : "";
          element.textContent = caption;
          element.hidden = caption === "";
        });
      },
    });
  });

  // Ready for the keyboard once the opening animation is over (the arrow keys wait for it).
  lightbox.on("openingAnimationEnd", () => lightbox.pswp.element.classList.add("lightbox-ready"));

  // The dialog is named after the photo shown, and says it is one.
  lightbox.on("change", () => {
    const pswp = lightbox.pswp;
    pswp.element.setAttribute("aria-modal", "true");
    pswp.element.setAttribute("aria-label", `Photo ${pswp.currIndex + 1} of ${pswp.getNumItems()}`);
  });

  lightbox.init();
}
