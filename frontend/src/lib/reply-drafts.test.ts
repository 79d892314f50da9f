import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { makeMe } from "@/testing/data";
import { stubFetch } from "@/testing/fetch-stub";
import { readReplyDraft, saveReplyDraft } from "./reply-drafts";
import { getMe, startSession } from "./session";

afterEach(() => sessionStorage.clear());

describe("reply drafts between people on one browser tab", () => {
  it("keeps only the drafts of whoever signs in", () => {
    saveReplyDraft(1, 7, { body: "A's internal note", internal: true });
    saveReplyDraft(2, 7, { body: "B's reply", internal: false });

    startSession(new QueryClient(), makeMe({ id: 2 }));

    expect(readReplyDraft(1, 7)).toBeNull();
    expect(readReplyDraft(2, 7)).toEqual({ body: "B's reply", internal: false });
  });

  it("forgets every draft when the server says nobody is signed in", async () => {
    saveReplyDraft(1, 7, { body: "Left behind", internal: true });
    stubFetch({
      "GET /api/me/": () =>
        new Response(JSON.stringify({ type: "client_error", errors: [] }), { status: 401 }),
    });

    expect(await getMe()).toBeNull();
    expect(readReplyDraft(1, 7)).toBeNull();
  });
});
