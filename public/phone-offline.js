/*
 * The public idea page's one script (plain ES2017, no framework; the page works without it).
 * 1. A character counter under the idea's text box.
 * 2. Sends the form with fetch; when the phone is offline (or the network fails), keeps the
 *    submission — text, language, name, contact, submission key, and the photo as a Blob — in
 *    IndexedDB and says so; sends it when the connection returns (the `online` event, or the
 *    next time this page opens), with the same submission key, so the server stores it once.
 *    Then shows the receipt link.
 */
(function () {
  var DB_NAME = "coproduce-phone";
  var STORE = "outbox";
  var FIELDS = ["text", "language", "name", "contact", "submissionKey", "stamp", "website"];
  var form = document.querySelector("form[data-phone-form]");
  var status = document.getElementById("phone-status");
  var flushing = false;

  function msg(name) {
    return form?.getAttribute(`data-msg-${name}`) || "";
  }

  function say(text, link) {
    if (!status) return;
    status.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    status.appendChild(p);
    if (link) {
      var a = document.createElement("a");
      a.href = link;
      a.textContent = msg("receipt");
      a.setAttribute("data-receipt-link", "");
      var q = document.createElement("p");
      q.appendChild(a);
      status.appendChild(q);
    }
  }

  // --- counter -------------------------------------------------------------------------------
  function setupCounter() {
    var text = document.getElementById("idea-text");
    var counter = document.getElementById("idea-counter");
    if (!text || !counter) return;
    var template = counter.getAttribute("data-template") || "%n";
    var max = Number(counter.getAttribute("data-max")) || 500;
    var update = function () {
      counter.textContent = template.replace("%n", String(text.value.length));
      counter.className = `phone-counter${text.value.length > max * 0.9 ? " is-near" : ""}`;
    };
    counter.hidden = false;
    text.addEventListener("input", update);
    update();
  }

  // --- IndexedDB outbox ----------------------------------------------------------------------
  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) return reject(new Error("no IndexedDB"));
      var req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore(STORE, { keyPath: "submissionKey" });
      };
      req.onsuccess = function () {
        resolve(req.result);
      };
      req.onerror = function () {
        reject(req.error);
      };
    });
  }
  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () {
          db.close();
          resolve(result && "result" in result ? result.result : undefined);
        };
        tx.onerror = function () {
          db.close();
          reject(tx.error);
        };
        tx.onabort = function () {
          db.close();
          reject(tx.error);
        };
      });
    });
  }
  function keep(record) {
    return withStore("readwrite", function (s) {
      return s.put(record);
    });
  }
  function pending() {
    return withStore("readonly", function (s) {
      return s.getAll();
    });
  }
  function drop(key) {
    return withStore("readwrite", function (s) {
      return s.delete(key);
    });
  }

  function recordOf(f) {
    var data = new FormData(f);
    var token = f.querySelector('input[name="_csrf"]');
    var record = { action: f.action, savedAt: Date.now(), photo: null, _csrf: token ? token.value : "" };
    FIELDS.forEach(function (name) {
      var v = data.get(name);
      record[name] = typeof v === "string" ? v : "";
    });
    var photo = data.get("photo");
    if (photo && typeof photo !== "string" && photo.size > 0) record.photo = photo;
    return record;
  }

  function bodyOf(record) {
    var body = new FormData();
    FIELDS.forEach(function (name) {
      body.append(name, record[name] || "");
    });
    // The form token of the page open now (the one saved may be from an older cookie).
    var token = document.querySelector('input[name="_csrf"]');
    body.append("_csrf", token ? token.value : record._csrf || "");
    if (record.photo) body.append("photo", record.photo, record.photo.name || "photo");
    return body;
  }

  function freshKey() {
    var bytes = new Uint8Array(18);
    crypto.getRandomValues(bytes);
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /** A receipt URL when the server stored it (it redirects to /r/<secret>), else null. */
  function send(record) {
    return fetch(record.action, { method: "POST", body: bodyOf(record), credentials: "same-origin" }).then(function (res) {
      var url = new URL(res.url, location.href);
      if (res.ok && /^\/r\/[A-Za-z0-9_-]{43}$/.test(url.pathname)) {
        var shown = url.toString();
        url.searchParams.delete("new");
        return res.text().then(function (html) {
          return { receipt: url.toString(), shown: shown, html: html };
        });
      }
      return res.text().then(function (html) {
        return { refused: html, status: res.status };
      });
    });
  }

  /** Shows the server's answer page (a message next to a field, a closed link, a rate limit) in place of this one. */
  function showPage(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var main = doc.querySelector("main");
    var here = document.querySelector("main");
    if (!main || !here) return;
    here.innerHTML = main.innerHTML;
    if (doc.title) document.title = doc.title;
    init();
  }

  function flush() {
    if (flushing || !form || navigator.onLine === false) return Promise.resolve();
    flushing = true;
    return pending()
      .then(function (records) {
        return records.reduce(function (chain, record) {
          return chain.then(function () {
            say(msg("sending"));
            return send(record).then(
              function (answer) {
                if (answer.receipt) {
                  return drop(record.submissionKey).then(function () {
                    say(msg("sent"), answer.receipt);
                  });
                }
                // Refused (the link closed, a rate limit, a field to fix): the server's page says why, with the text.
                return drop(record.submissionKey).then(function () {
                  showPage(answer.refused);
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

  function saveOffline(f) {
    var record = recordOf(f);
    return keep(record).then(function () {
      say(msg(record.photo ? "saved-photo" : "saved"));
      ["idea-text", "idea-name", "idea-contact", "idea-photo"].forEach(function (id) {
        var el = document.getElementById(id);
        if (el) el.value = "";
      });
      // The next idea from this page is a new submission.
      var key = f.querySelector('input[name="submissionKey"]');
      if (key) key.value = freshKey();
      var text = document.getElementById("idea-text");
      if (text) text.dispatchEvent(new Event("input"));
    });
  }

  function onSubmit(event) {
    var f = event.target;
    if (!window.fetch || !window.indexedDB || !window.FormData) return; // the browser sends it plainly
    event.preventDefault();
    var button = f.querySelector('button[type="submit"]');
    if (navigator.onLine === false) {
      saveOffline(f).catch(function () {
        f.submit();
      });
      return;
    }
    if (button) button.disabled = true;
    var record = recordOf(f);
    send(record).then(
      function (answer) {
        if (answer.receipt) {
          // The receipt page came with the answer: show it, at its own address, without loading it again.
          showPage(answer.html);
          history.replaceState(null, "", answer.shown);
          window.scrollTo(0, 0);
        } else showPage(answer.refused);
      },
      function () {
        // A network error: keep it and send it later.
        if (button) button.disabled = false;
        saveOffline(f).catch(function () {});
      },
    );
  }

  function init() {
    form = document.querySelector("form[data-phone-form]");
    status = document.getElementById("phone-status");
    if (!form) return;
    setupCounter();
    form.addEventListener("submit", onSubmit);
    flush();
  }

  window.addEventListener("online", flush);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
