"""OpenAPI extensions: the schema describes exactly what the server accepts."""

from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension

# Text without NUL characters (PostgreSQL cannot store them), possibly empty; then
# text that also holds something besides whitespace.
ANY_TEXT = r"^[^\x00]*$"
NON_BLANK_TEXT = r"^[^\x00]*[^\s\x00][^\x00]*$"
# For a field that may be blank, drf-spectacular itself adds "or empty" as a oneOf
# branch, so the pattern must not match the empty string as well.
NON_EMPTY_TEXT = r"^[^\x00]+$"


class StrictInputSerializerExtension(OpenApiSerializerExtension):
    """Request bodies refuse unknown fields, so their schemas say additionalProperties:
    false (drf-spectacular leaves it open by default); one that changes something
    needs at least one field (minProperties: 1)."""

    target_class = "config.api.StrictInputSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        schema = {**schema, "additionalProperties": False}
        if self.target.requires_a_field:
            schema["minProperties"] = 1
        return schema


class TextFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "config.api.TextField"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "pattern": NON_EMPTY_TEXT if self.target.allow_blank else NON_BLANK_TEXT}


def require_request_bodies(result, generator, request, public):
    """A body whose schema needs a property cannot be left out either (drf-spectacular
    marks a PATCH body optional, since each of its fields is)."""
    schemas = result["components"]["schemas"]
    for path in result["paths"].values():
        for operation in path.values():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            if not body:
                continue
            for media in body["content"].values():
                name = media["schema"].get("$ref", "").rsplit("/", 1)[-1]
                if schemas.get(name, {}).get("minProperties"):
                    body["required"] = True
    return result
