from pocketstack.cli import main

main()
