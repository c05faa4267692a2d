import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Awareness } from "y-protocols/awareness";
import { safeColour, safeName } from "~/collab/presence";

type Person = { key: string; name: string; colour: string; me: boolean };

/** Who has this document open now (one entry per person, however many tabs), from awareness. */
function peopleIn(awareness: Awareness, myUserId: string, unnamed: string): Person[] {
  const people = new Map<string, Person>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: { name?: unknown; color?: unknown; userId?: unknown } }).user;
    if (!user) continue;
    const me = clientId === awareness.clientID || user.userId === myUserId;
    const key = me ? "me" : typeof user.userId === "string" ? `u:${user.userId}` : `c:${clientId}`;
    if (!people.has(key)) people.set(key, { key, name: safeName(user.name, unnamed), colour: safeColour(user.color), me });
  }
  return [...people.values()].sort((a, b) => (a.me === b.me ? a.name.localeCompare(b.name) : a.me ? -1 : 1));
}

export function PresenceList({ awareness, myUserId }: { awareness: Awareness; myUserId: string }) {
  const { t } = useTranslation();
  const unnamed = "?";
  const [people, setPeople] = useState<Person[]>(() => peopleIn(awareness, myUserId, unnamed));
  useEffect(() => {
    const update = () => setPeople(peopleIn(awareness, myUserId, unnamed));
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [awareness, myUserId]);
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence-title">
        {t("document.presence.title")}
      </h2>
      <ul className="presence-list">
        {people.map((p) => (
          <li key={p.key} className="presence-person">
            <span className="presence-dot" aria-hidden="true" style={{ backgroundColor: p.colour }} />
            <span dir="auto">{p.me ? t("document.presence.you", { name: p.name }) : p.name}</span>
          </li>
        ))}
      </ul>
      {people.length <= 1 ? <p className="hint">{t("document.presence.alone")}</p> : null}
    </section>
  );
}
