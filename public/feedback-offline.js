/*
 * The public feedback page's one script (plain ES2017, no framework; the page works without it).
 * Sends the answers with fetch and shows the server's answer in place. When the phone is offline
 * (or the network fails), keeps the answers — with their submission key — in IndexedDB and says
 * so; sends them when the connection returns (the `online` event, or the next time this page
 * opens), with the same key, so the server stores them once.
 */
(function () {
  var DB_NAME = "coproduce-feedback";
  var STORE = "outbox";
  var form = null;
  var status = null;
  var flushing = false;

  function msg(name) {
    return (form && form.getAttribute("data-msg-" + name)) || "";
  }
  function say(text) {
    if (!status) return;
    status.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    status.appendChild(p);
  }

  function withStore(mode, work) {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) return reject(new Error("no IndexedDB"));
      var req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore(STORE, { keyPath: "submissionKey" });
      };
      req.onerror = function () {
        reject(req.error);
      };
      req.onsuccess = function () {
        var db = req.result;
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () {
          db.close();
          resolve(result && "result" in result ? result.result : undefined);
        };
        tx.onerror = tx.onabort = function () {
          db.close();
          reject(tx.error);
        };
      };
    });
  }

  /** The form's answers (text fields only; the form token is taken fresh when sending). */
  function recordOf(f) {
    var entries = [];
    new FormData(f).forEach(function (value, name) {
      if (typeof value === "string" && name !== "_csrf") entries.push([name, value]);
    });
    var key = f.querySelector('input[name="submissionKey"]');
    return { submissionKey: key ? key.value : String(Date.now()), action: f.action, entries: entries, savedAt: Date.now() };
  }

  function send(record) {
    var body = new URLSearchParams();
    record.entries.forEach(function (e) {
      body.append(e[0], e[1]);
    });
    var token = document.querySelector('input[name="_csrf"]');
    body.append("_csrf", token ? token.value : "");
    return fetch(record.action, { method: "POST", body: body, credentials: "same-origin" }).then(function (res) {
      return res.text().then(function (html) {
        return { sent: res.ok && /[?&]sent=1/.test(res.url), html: html, url: res.url };
      });
    });
  }

  /** Shows the server's page (the thanks, a message next to a question, a closed link) in place of this one. */
  function showPage(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var main = doc.querySelector("main");
    var here = document.querySelector("main");
    if (!main || !here) return;
    here.innerHTML = main.innerHTML;
    if (doc.title) document.title = doc.title;
    init();
  }

  function freshKey() {
    var bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function saveOffline(f) {
    var record = recordOf(f);
    return withStore("readwrite", function (s) {
      return s.put(record);
    }).then(function () {
      f.reset();
      // The next answers from this page are a new submission.
      var key = f.querySelector('input[name="submissionKey"]');
      if (key) key.value = freshKey();
      say(msg("saved"));
    });
  }

  function flush() {
    if (flushing || !form || navigator.onLine === false) return;
    flushing = true;
    withStore("readonly", function (s) {
      return s.getAll();
    })
      .then(function (records) {
        return records.reduce(function (chain, record) {
          return chain.then(function () {
            say(msg("sending"));
            return send(record).then(
              function (answer) {
                return withStore("readwrite", function (s) {
                  return s.delete(record.submissionKey);
                }).then(function () {
                  // Refused (the link closed, a rate limit, an answer to fix): the server's page says why, with the answers.
                  if (answer.sent) say(msg("sent"));
                  else showPage(answer.html);
                });
              },
              function () {
                say(msg("retry"));
              },
            );
          });
        }, Promise.resolve());
      })
      .catch(function () {})
      .then(function () {
        flushing = false;
      });
  }

  function onSubmit(event) {
    var f = event.target;
    if (!window.fetch || !window.indexedDB || !window.URLSearchParams) return; // the browser sends it plainly
    event.preventDefault();
    if (navigator.onLine === false) {
      saveOffline(f).catch(function () {
        f.submit();
      });
      return;
    }
    var button = f.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    send(recordOf(f)).then(
      function (answer) {
        showPage(answer.html);
        if (answer.sent) history.replaceState(null, "", answer.url);
        window.scrollTo(0, 0);
      },
      function () {
        // A network error: keep the answers and send them later.
        if (button) button.disabled = false;
        saveOffline(f).catch(function () {});
      },
    );
  }

  function init() {
    form = document.querySelector("form[data-feedback-form]");
    status = document.getElementById("phone-status");
    if (!form) return;
    form.addEventListener("submit", onSubmit);
    flush();
  }

  window.addEventListener("online", flush);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
