"""The dialogs a screen asks a question with: each a `ModalScreen[T]` dismissed with the answer.

A screen pushes its own modal and reads the answer in a callback; the modals import no screen,
so a screen never reaches a sibling screen through them.
"""
