"""Where each intent a screen posts leads: the router (`router.ROUTES`) and its routes."""
