"""A two-person onboarding on guidestyle: the new hire and their manager each answer a
questionnaire, one question per page, and then see where their views agree and differ.

Start it with ``uvicorn examples.onboarding_web.app:app`` from the repository root.
"""
