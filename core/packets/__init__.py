"""Filing packets: kinds as data (templates/), forms as data (forms/), and the packet's content model."""
