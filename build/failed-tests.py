"""Prints each failed test of the TRX files under a folder, with its message, so a log's tail names them."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def failures(trx_path):
    root = ET.parse(trx_path).getroot()
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") != "Failed":
            continue
        message = result.findtext(".//t:ErrorInfo/t:Message", default="", namespaces=NS)
        stack = result.findtext(".//t:ErrorInfo/t:StackTrace", default="", namespaces=NS)
        yield result.get("testName"), message.strip(), stack.strip()


def main(folder):
    found = [f for path in glob.glob(f"{folder}/**/*.trx", recursive=True) for f in failures(path)]
    print(f"\n=== {len(found)} failed test(s) ===")
    for name, message, stack in found:
        print(f"\nFAILED {name}\n{message[:3000]}\n{stack[:1500]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "artifacts/test-results")
