/* Listing filters: leave the "Tất cả" (all) choices out of the submitted URL, so a shared
   link names only the filters chosen. Without JavaScript the form works the same, with
   empty parameters in the URL, which the server ignores. */
document.querySelectorAll("form[data-listing-filters]").forEach(function (form) {
  form.addEventListener("submit", function () {
    form.querySelectorAll("select").forEach(function (select) {
      select.disabled = !select.value;
    });
  });
});
/* Coming back with the Back button shows the form as it was left: usable again. */
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-listing-filters] select").forEach(function (select) {
    select.disabled = false;
  });
});
