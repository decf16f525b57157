import io

import pytest

from bereik.lac import letter_templates
from bereik.lac.letters import CODES
from bereik.lib.documents import docx_text, template_variables, validate_docx_template
from bereik.outreach.letters import get_letter_type


@pytest.mark.parametrize("recipient", sorted(CODES))
def test_the_default_templates_are_valid_letter_templates(recipient):
    letter_type = get_letter_type(CODES[recipient])
    validate_docx_template(letter_type.default_template, letter_type.all_placeholders)


def test_the_committed_templates_match_the_code_that_builds_them():
    for path, data in letter_templates.build_all().items():
        assert template_variables(path) == template_variables(io.BytesIO(data)), path.name
        assert docx_text(path.read_bytes()) == docx_text(data), path.name


def test_the_letters_offer_no_insz():
    for code in CODES.values():
        assert not any("insz" in name for name in get_letter_type(code).all_placeholders)
