// Bundled for Chromium by collab.spec.ts: the app's own browser connection module.
import * as Y from "yjs";
import { connectDocument, type CollabConnection } from "../../../app/collab/connection";

declare global {
  interface Window {
    collab: {
      open(localityId: string, docName: string): Promise<void>;
      connection: CollabConnection | null;
      text(): string;
      type(text: string): void;
      status(): string;
      access(): string;
    };
  }
}

window.collab = {
  connection: null,
  async open(localityId, docName) {
    this.connection = await connectDocument({
      docName,
      doc: new Y.Doc(),
      getToken: async () => {
        const res = await fetch(`/l/${localityId}/collab-token?doc=${encodeURIComponent(docName)}`);
        if (!res.ok) throw new Error(`token: ${res.status}`);
        return res.json();
      },
    });
  },
  text() {
    return this.connection!.doc.getText("t").toString();
  },
  type(text) {
    const t = this.connection!.doc.getText("t");
    t.insert(t.length, text);
  },
  status() {
    return this.connection?.status ?? "none";
  },
  access() {
    return this.connection?.access ?? "none";
  },
};
