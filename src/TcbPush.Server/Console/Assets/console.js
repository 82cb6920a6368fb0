// TcbPush console: shows each <time> in the viewer's zone; the UTC stays in its title (on hover).
(() => {
  const pad = (n) => String(n).padStart(2, "0");
  for (const element of document.querySelectorAll("time[datetime]")) {
    const at = new Date(element.getAttribute("datetime"));
    if (Number.isNaN(at.getTime())) continue;
    const offset = -at.getTimezoneOffset();
    const zone = `UTC${offset >= 0 ? "+" : "-"}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
    element.textContent = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ` +
      `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())} (${zone})`;
  }
})();
