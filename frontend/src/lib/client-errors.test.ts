import { describe, expect, it } from "vitest";
import { missingFields } from "./client-errors";

describe("missingFields", () => {
  it("names only the empty fields", () => {
    expect(
      missingFields({
        email: ["", "Enter your email address."],
        name: ["Ada", "Enter your name."],
        password: ["", "Choose a password."],
      }),
    ).toEqual({ email: "Enter your email address.", password: "Choose a password." });
  });

  it("leaves trimming to the caller, so spaces can count as a password", () => {
    expect(missingFields({ name: ["  ".trim(), "Enter your name."] })).toEqual({
      name: "Enter your name.",
    });
    expect(missingFields({ password: ["  ", "Choose a password."] })).toEqual({});
  });
});
