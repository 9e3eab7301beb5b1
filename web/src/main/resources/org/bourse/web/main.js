"use strict";
// Starts the page in the mode its data says: "live" (the relay's dashboard) or "report" (a battle report file).
(function main() {
  const boot = JSON.parse(document.getElementById("boot").textContent);
  if (boot.mode === "live") {
    startLive(boot);
  } else {
    startReport(boot);
  }
})();
