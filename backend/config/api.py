"""What every API view and input serializer shares: strict input (unknown body fields
and query parameters are a 400 naming them) and text fields that hold text."""

import re
from collections.abc import Mapping

from drf_standardized_errors.openapi_validation_errors import extend_validation_errors
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.settings import api_settings

WHOLE_NUMBER = re.compile(r"[0-9]+")


class StrictInputSerializer(serializers.Serializer):
    """Rejects fields it does not accept, so a client never believes a change was
    applied when it was silently dropped. The schema says so too (additionalProperties:
    false, see config/schema.py)."""

    # Whether an empty body is refused (a change must change something).
    requires_a_field = False

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        api_settings.NON_FIELD_ERRORS_KEY: [
                            serializers.ErrorDetail(
                                f"Unknown field {name!r}: accepted are {', '.join(self.fields)}.",
                                code="unknown_field",
                            )
                            for name in unknown
                        ]
                    }
                )
        return super().to_internal_value(data)

    def validate(self, attrs):
        if self.requires_a_field and not attrs:
            raise serializers.ValidationError(
                f"Send at least one of: {', '.join(self.fields)}.", code="empty"
            )
        return attrs


class TextField(serializers.CharField):
    """Text that must be sent as a JSON string (DRF's CharField also turns numbers into
    text). Unless blank is allowed it must hold something besides whitespace, as the
    database requires; NUL characters are refused (PostgreSQL cannot store them). The
    schema states both as a pattern (config/schema.py)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class KnownQueryParamsMixin:
    """A query parameter the endpoint does not read is a 400 naming it: a typo such as
    ?stauts=open must not silently return the unfiltered list."""

    def known_query_params(self) -> set[str]:
        return set()

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.known_query_params())
        if unknown:
            raise ValidationError(
                [
                    serializers.ErrorDetail(
                        f"Unknown query parameter {name!r}.", code="unknown_parameter"
                    )
                    for name in unknown
                ]
            )


def strict_input(*, body: list[str], query: list[str]):
    """Adds the error codes of unknown body fields and unknown query parameters to the
    schema of the given methods (drf-standardized-errors cannot infer them)."""

    def decorate(view):
        view = extend_validation_errors(["unknown_parameter"], methods=query)(view)
        if body:
            view = extend_validation_errors(
                ["unknown_field", "empty"], field_name="non_field_errors", methods=body
            )(view)
        return view

    return decorate


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only (DRF's BooleanField also takes 0, 1, "yes", "off"…)."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictPageSizeMixin:
    """For a paginator: a page_size that is not a whole number from 1 to max_page_size
    is a 400 naming it (DRF would quietly use the default instead), and the schema
    says so."""

    page_size_query_param = "page_size"

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        field = serializers.IntegerField(min_value=1, max_value=self.max_page_size)
        try:
            # IntegerField alone would take "1.0", " 1" or a fullwidth digit as 1.
            if not WHOLE_NUMBER.fullmatch(raw):
                field.fail("invalid")
            return field.run_validation(raw)
        except ValidationError as error:
            raise ValidationError({self.page_size_query_param: error.detail}) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
        return parameters
