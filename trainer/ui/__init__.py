"""The Textual app in which trainees practise client calls; see `trainer.ui.app.run_app`."""
