import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { makeMe, makeUser } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { User } from "@/types/api";
import { PeopleDirectory } from "./people-directory";

const ME = makeMe();
const RITA = makeUser();
const RITA_URL = `/api/users/${RITA.id}/`;

function stubPeople() {
  let people: User[] = [
    makeUser({ id: ME.id, name: ME.name, email: ME.email, role: "admin" }),
    RITA,
  ];
  return stubFetch({
    "GET /api/users/": () => jsonResponse({ next: null, previous: null, results: people }),
    [`PATCH ${RITA_URL}`]: ({ body }) => {
      const changed = { ...RITA, ...(body as Partial<User>) };
      people = people.map((person) => (person.id === RITA.id ? changed : person));
      return jsonResponse(changed);
    },
  });
}

/** What a browser does on ArrowDown then Enter in a closed select. */
function stepDownAndEnter(select: HTMLElement, value: string) {
  fireEvent.keyDown(select, { key: "ArrowDown" });
  fireEvent.change(select, { target: { value } });
  fireEvent.keyUp(select, { key: "ArrowDown" });
  fireEvent.keyDown(select, { key: "Enter" });
}

describe("PeopleDirectory", () => {
  it("asks before changing a role, naming the person and the new role; cancelling keeps the old one", async () => {
    const api = stubPeople();
    const { user } = await renderWithProviders(<PeopleDirectory me={ME} />);
    const role = await screen.findByLabelText("Role of Rita Requester");

    stepDownAndEnter(role, "admin");

    const dialog = await screen.findByRole("alertdialog", {
      name: "Change the role of Rita Requester to Administrator?",
    });
    expect(dialog).toHaveTextContent("manage people, roles and the desk's settings");
    expect(api.to("PATCH", RITA_URL)).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));

    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(role).toHaveValue("requester");
    expect(api.to("PATCH", RITA_URL)).toHaveLength(0);
  });

  it("changes the role once confirmed", async () => {
    const api = stubPeople();
    const { user } = await renderWithProviders(<PeopleDirectory me={ME} />);
    const role = await screen.findByLabelText("Role of Rita Requester");

    stepDownAndEnter(role, "agent");
    const dialog = await screen.findByRole("alertdialog", {
      name: "Change the role of Rita Requester to Agent?",
    });
    await user.click(within(dialog).getByRole("button", { name: "Change role" }));

    await waitFor(() => expect(api.to("PATCH", RITA_URL)).toHaveLength(1));
    expect(api.to("PATCH", RITA_URL)[0].body).toEqual({ role: "agent" });
    expect(await screen.findByText("Rita Requester is now agent")).toBeInTheDocument();
    await waitFor(() => expect(role).toHaveValue("agent"));
  });

  it("offers no role change or deactivation on one's own row, and says why", async () => {
    stubPeople();
    await renderWithProviders(<PeopleDirectory me={ME} />);

    const role = await screen.findByLabelText("Role of Ada Admin");
    const deactivate = screen.getByRole("button", { name: "Deactivate Ada Admin" });
    expect(role).toBeDisabled();
    expect(deactivate).toBeDisabled();
    const why = "Another administrator can change your role or deactivate you.";
    expect(role).toHaveAccessibleDescription(why);
    expect(deactivate).toHaveAccessibleDescription(why);
    expect(screen.getByLabelText("Role of Rita Requester")).toBeEnabled();
    expect(screen.getByRole("button", { name: "Deactivate Rita Requester" })).toBeEnabled();
  });
});
