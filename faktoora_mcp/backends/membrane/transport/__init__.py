"""How the Membrane backend reaches Membrane: code that runs a process (``cli``-side: ``argv``, ``process``,
``printed``) or speaks HTTP (``rest``). What comes back is read the same way whatever transport brought it
(``answers/``), and every failure is mapped by ``failures`` into the package's error tree."""
